# Guess the number in 1..1000 with at most 10 guesses. The secret is the input file; each
# guess gets "higher", "lower" or "correct".
# interactor input_file answer_file feedback_dir: stdin is the team's output, stdout its input.
import sys

input_file, answer_file, feedback = sys.argv[1:4]
secret = int(open(input_file).read())


def verdict(code, message):
    with open(feedback + "/judgemessage.txt", "w") as f:
        f.write(message + "\n")
    sys.exit(code)


for guesses in range(1, 11):
    line = sys.stdin.readline()
    if not line:
        verdict(43, f"the program stopped after {guesses - 1} guesses")
    try:
        guess = int(line)
    except ValueError:
        verdict(43, f"not a number: {line.strip()!r}")
    if guess == secret:
        print("correct", flush=True)
        verdict(42, f"found {secret} in {guesses} guesses")
    print("higher" if guess < secret else "lower", flush=True)
verdict(43, f"no luck in 10 guesses; the number was {secret}")
