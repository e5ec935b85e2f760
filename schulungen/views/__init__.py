"""Pages of the Schulungen app: the calendar for everyone, enrolment for Kommunen-Admins, and the
coordination's pages. Thin: check input, call one service, render."""
