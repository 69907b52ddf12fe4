# Never guesses: waits for a reply that cannot come.
import time

time.sleep(3600)
