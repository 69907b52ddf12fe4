// Any divisor of N greater than 1 is right, so only a checker can judge: N itself earns half
// the points where a smaller one exists.
#include "testlib.h"

int main(int argc, char *argv[])
{
    registerTestlibCmd(argc, argv);
    const long long n = inf.readLong();
    const long long jury = ans.readLong();
    if (jury <= 1 || n % jury != 0)
        quitf(_fail, "the jury's answer %lld does not divide %lld", jury, n);
    const long long d = ouf.readLong();
    if (d <= 1 || n % d != 0)
        quitf(_wa, "%lld is not a divisor of %lld greater than 1", d, n);
    if (d == n && jury != n)
        quitp(0.5, "%lld is the trivial divisor", d);
    quitf(_ok, "%lld divides %lld", d, n);
}
