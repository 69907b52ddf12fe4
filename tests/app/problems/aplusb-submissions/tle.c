/* Never ends: burns CPU until the limit. */
int main(void)
{
    volatile unsigned long spin = 0;
    for (;;)
        ++spin;
}
