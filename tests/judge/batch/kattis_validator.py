# An ICPC output validator: input answer feedback_dir < team_output.
import sys

_, input_file, answer_file, feedback = sys.argv[:4]
answer = int(open(answer_file).read())
try:
    got = int(sys.stdin.read().split()[0])
except (ValueError, IndexError):
    open(feedback + "judgemessage.txt", "w").write("no number")
    sys.exit(43)
if got != answer:
    open(feedback + "judgemessage.txt", "w").write(f"expected {answer}, got {got}")
    open(feedback + "teammessage.txt", "w").write("not quite")
    sys.exit(43)
open(feedback + "score.txt", "w").write("2.5")
sys.exit(42)
