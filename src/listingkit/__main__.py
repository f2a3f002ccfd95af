from listingkit.cli import main

main()
