"""`qonto-lint doctor`: diagnose one Authorization value, offline or with a live test call."""
