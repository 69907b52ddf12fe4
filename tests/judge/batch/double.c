/* Doubles its input, but misbehaves on purpose for some inputs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    long n;
    if (scanf("%ld", &n) != 1)
        return 1;
    if (n == 13) /* wrong answer */
        n = 0;
    if (n == 99) /* run-time error */
        abort();
    if (n == 77) /* time limit */
        for (volatile unsigned long i = 0;; ++i) {
        }
    if (n == 55) { /* memory limit */
        for (;;) {
            char *p = malloc(1 << 20);
            if (p)
                memset(p, 1, 1 << 20);
        }
    }
    if (n == 7) /* right tokens, wrong layout */
        printf("  %ld\n", 2 * n), exit(0);
    printf("%ld\n", 2 * n);
    return 0;
}
