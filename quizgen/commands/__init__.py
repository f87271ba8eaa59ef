"""One module per command; each imports heavy libraries only inside its function."""
