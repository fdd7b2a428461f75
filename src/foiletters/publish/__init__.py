"""The disclosure log: the public copy of every letter, and the site that publishes them."""
