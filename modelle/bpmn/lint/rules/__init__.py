"""One module per lint rule; each registers itself with `registry.rule`."""
