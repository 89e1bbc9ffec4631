"""One APIRouter per area; a route parses its input, calls one service, and returns."""
