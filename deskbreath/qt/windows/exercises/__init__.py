"""One widget module per kind of exercise, and the registry that builds them."""
