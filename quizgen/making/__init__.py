"""Question making: templates in a sandbox, generation, pools, audit, variants, selection."""
