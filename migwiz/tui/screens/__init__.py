"""One module per wizard step; each screen has its .tcss beside it."""
