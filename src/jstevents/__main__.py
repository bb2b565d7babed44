from jstevents.cli import main

main()
