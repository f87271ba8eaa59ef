"""Studying: the quiz loop, answer checking, the review history and scheduling, terminal faces."""
