from immerse.cli import main

main()
