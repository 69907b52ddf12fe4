// Output validator: the team's two positive integers must add up to N.
// validator input_file answer_file feedback_dir < team_output; exit 42 accepted, 43 wrong.
#include <fstream>
#include <iostream>
#include <string>

namespace {

[[noreturn]] void verdict(const std::string &feedbackDir, int code, const std::string &message)
{
    std::ofstream(feedbackDir + "/judgemessage.txt") << message << '\n';
    std::exit(code);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 4) {
        std::cerr << "usage: validator input answer feedback_dir\n";
        return 1;
    }
    const std::string feedback = argv[3];
    long long n = 0;
    std::ifstream(argv[1]) >> n;
    long long a = 0, b = 0;
    if (!(std::cin >> a >> b))
        verdict(feedback, 43, "expected two integers");
    std::string extra;
    if (std::cin >> extra)
        verdict(feedback, 43, "trailing output: " + extra);
    if (a <= 0 || b <= 0)
        verdict(feedback, 43, "the summands must be positive");
    if (a + b != n)
        verdict(feedback, 43,
                std::to_string(a) + " + " + std::to_string(b) + " is not " + std::to_string(n));
    verdict(feedback, 42, "ok");
}
