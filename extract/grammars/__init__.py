"""yargy grammars, one module per stage that needs them."""
