// The smallest divisor greater than 1.
#include <cstdio>

int main()
{
    long long n;
    if (std::scanf("%lld", &n) != 1)
        return 1;
    long long d = 2;
    while (n % d != 0)
        ++d;
    std::printf("%lld\n", d);
}
