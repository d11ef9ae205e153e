#include "ptscope/common/format.h"

#include <gtest/gtest.h>

using namespace ptscope;

TEST(Format, Counts)
{
    EXPECT_EQ(formatCount(0), "0");
    EXPECT_EQ(formatCount(999), "999");
    EXPECT_EQ(formatCount(1000), "1,000");
    EXPECT_EQ(formatCount(11689512), "11,689,512");
    EXPECT_EQ(formatCount(-1234567), "-1,234,567");
}

TEST(Format, Bytes)
{
    EXPECT_EQ(formatBytes(0), "0 B");
    EXPECT_EQ(formatBytes(1023), "1023 B");
    EXPECT_EQ(formatBytes(1536), "1.5 KiB");
    EXPECT_EQ(formatBytes(46827520), "44.7 MiB");
}

TEST(Format, Shapes)
{
    EXPECT_EQ(formatShape({}), "[]");
    EXPECT_EQ(formatShape({1, 3, 224, 224}), "[1, 3, 224, 224]");
}
