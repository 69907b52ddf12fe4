/* Touches 512 MiB, far above the package's 128 MiB. The writes go through a volatile
 * pointer so that the compiler cannot drop the allocation. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    const size_t size = (size_t)512 << 20;
    volatile char *p = malloc(size);
    if (!p)
        return 1;
    for (size_t i = 0; i < size; i += 4096)
        p[i] = 1;
    printf("%d\n", p[size - 4096]);
    return 0;
}
