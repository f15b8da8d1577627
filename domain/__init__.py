"""Pure domain rules shared by the API and the workers.

Nothing here imports a framework, a database driver, an object-store client or
``subprocess``: every rule is a plain function of plain values, so tests call it directly
(``tests/domain``) and both entry points get the same answer.
"""
