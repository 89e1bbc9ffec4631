"""Business logic as plain functions with keyword-only arguments; routes call exactly one of them."""
