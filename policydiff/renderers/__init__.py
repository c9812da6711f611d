"""Renderers turn computed results into what people read (text, JSON, HTML). They format; they
never compute."""
