from deadlint.entry import main

main()
