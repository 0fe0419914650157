"""Version history (版の履歴) of a plan's draft: every content-changing write, viewable and restorable."""
