/* 32-bit arithmetic: right for group1, overflows on group2. */
#include <stdio.h>

int main(void)
{
    int a, b;
    if (scanf("%d %d", &a, &b) != 2)
        return 1;
    printf("%d\n", (int)((unsigned)a * (unsigned)b));
    return 0;
}
