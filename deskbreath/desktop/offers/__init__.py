"""How an offer reaches the user without taking the keyboard, chosen per session type."""
