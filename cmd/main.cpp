// Placeholder until the CLI tree lands (issue 2).
#include <cstdio>
int main() { std::puts("eks-sso"); return 0; }
