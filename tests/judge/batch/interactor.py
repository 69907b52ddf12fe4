# Guess the number: the secret is in the input file; at most 20 guesses.
import sys

_, input_file, answer_file, feedback = sys.argv[:4]
secret = int(open(input_file).read())
for guess_count in range(1, 21):
    line = sys.stdin.readline()
    if not line:
        open(feedback + "judgemessage.txt", "w").write("the solution stopped asking")
        sys.exit(43)
    guess = int(line)
    if guess == secret:
        print("correct", flush=True)
        open(feedback + "judgemessage.txt", "w").write(f"found in {guess_count}")
        sys.exit(42)
    print("higher" if guess < secret else "lower", flush=True)
open(feedback + "judgemessage.txt", "w").write("too many guesses")
sys.exit(43)
