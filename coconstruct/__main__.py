from coconstruct.cli import main

main()
