from deadlint.cli import main

main()
