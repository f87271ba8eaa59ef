"""The input: articles, facts, strict YAML and text reading, dates."""
