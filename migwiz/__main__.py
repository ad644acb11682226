"""`python -m migwiz`."""

from migwiz.cli import main

main()
