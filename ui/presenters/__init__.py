"""Pure-Python logic behind the forms: no Qt here, so it is tested without a screen."""
