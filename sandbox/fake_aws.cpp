#include "sandbox/fake_aws.hpp"
namespace sandbox {
int run_fake_aws(const std::vector<std::string>&, AwsIo&) { return 252; }
}
