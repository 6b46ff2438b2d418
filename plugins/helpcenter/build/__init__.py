"""Build speed: locale builds on every core, fallback pages that reuse the default locale's render, and
templates compiled once per build instead of once per locale."""
