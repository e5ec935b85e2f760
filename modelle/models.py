# Prozessmodell, Modellversion and Kommentar follow with the register issue (see DESIGN.md).
