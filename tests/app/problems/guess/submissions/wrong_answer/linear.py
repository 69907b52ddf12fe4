# Counts up from 1: runs out of guesses unless the number is small.
for guess in range(1, 1001):
    print(guess, flush=True)
    if input() == "correct":
        break
