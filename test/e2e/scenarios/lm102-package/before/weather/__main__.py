from weather.cli import main

main()
