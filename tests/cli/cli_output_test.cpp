// `eqroi run --out FILE` and `--out-dir DIR`: which files appear, what is in them, and that a
// file is replaced whole (written beside it, then renamed) so nothing half-written is left.
#include "cli_support.hpp"

#include <sys/stat.h>

namespace cli_test {
namespace {

// Hand-calculated in cli_palletising_test.cpp: NPV of lease_robot -281,640.09, of manual
// -1,161,922.42; lease_robot minus manual: NPV 880,282.33, IRR 5.639899, payback 0.179031 yr.

TEST(CliOutput, OutDirWritesTheFiveReports) {
    TempDir dir;
    const fs::path out_dir = dir.path() / "reports";  // created by eqroi
    const CliRun r = run_eqroi({"run", example("palletising_robot"), "--out-dir", out_dir.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // The table still goes to standard output.
    EXPECT_NE(r.out.find("Comparison with the baseline 'manual'"), std::string::npos);

    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(out_dir)) names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{
                         "palletising_robot.cashflows.csv", "palletising_robot.comparison.csv",
                         "palletising_robot.explain.txt", "palletising_robot.json",
                         "palletising_robot.md"}));
    for (const auto& name : names)
        EXPECT_NE(r.err.find("wrote " + (out_dir / name).string()), std::string::npos) << r.err;

    // JSON: the same report as --format json.
    const json report = json::parse(read_text(out_dir / "palletising_robot.json"));
    EXPECT_NEAR(alternative(report, "lease_robot").at("measures").at("npv").get<double>(),
                -281640.09, kMoney);

    // Explain: the NPV of lease_robot as its formula, ending with the hand-calculated figure.
    const std::string explain = read_text(out_dir / "palletising_robot.explain.txt");
    EXPECT_NE(explain.find("NPV = sum F_k x 1/(1 + i)^k"), std::string::npos) << explain;
    EXPECT_NE(explain.find("  = -281,640.09\n"), std::string::npos) << explain;

    // Markdown: the comparison table with the hand-calculated incremental NPV.
    const std::string md = read_text(out_dir / "palletising_robot.md");
    EXPECT_NE(md.find("## Comparison with the baseline `manual`"), std::string::npos) << md;
    EXPECT_NE(md.find("| 1 | Lease the robot cell (service included) | -281,640.09 | 880,282.33 |"),
              std::string::npos)
        << md;

    // Comparison CSV: a header and one row per alternative, in file order, unformatted numbers.
    const std::string csv = read_text(out_dir / "palletising_robot.comparison.csv");
    EXPECT_EQ(csv.rfind("rank,alternative,name,is_baseline,npv,irr,", 0), 0u) << csv;
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4);
    EXPECT_NE(csv.find("\n3,manual,Palletise by hand,true,-1161922.42,"), std::string::npos) << csv;
    EXPECT_NE(csv.find("\n1,lease_robot,Lease the robot cell (service included),false,-281640.09,"
                       ",,,880282.33,5.63989"),
              std::string::npos)
        << csv;

    // Cash-flow CSV: long format, one row per line and period; lease payment of year 3 and
    // the net flow of year 1 of lease_robot (-46,843.58, hand-calculated).
    const std::string flows = read_text(out_dir / "palletising_robot.cashflows.csv");
    EXPECT_EQ(flows.rfind("alternative,line,label,category,tax_treatment,period,amount\n", 0), 0u);
    EXPECT_NE(flows.find("lease_robot,schedule.lease_payment,Lease payments,lease,deductible,3,"
                         "-39000.000000\n"),
              std::string::npos);
    EXPECT_NE(flows.find("lease_robot,net,Net cash flow,,,1,-46843.58"), std::string::npos);
}

TEST(CliOutput, OutWritesTheChosenFormatInsteadOfStdout) {
    TempDir dir;
    const fs::path file = dir.path() / "result.json";
    const CliRun r = run_eqroi({"run", example("palletising_robot"), "--format", "json", "--out",
                                file.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("wrote " + file.string()), std::string::npos);
    EXPECT_EQ(dir.entries(), std::vector<std::string>{"result.json"});  // no temporary left
    const json report = json::parse(read_text(file));
    EXPECT_NEAR(alternative(report, "lease_robot").at("vs_baseline").at("npv").get<double>(),
                880282.33, kMoney);
}

TEST(CliOutput, OutReplacesAnExistingFileByRenaming) {
    TempDir dir;
    const fs::path file = dir.write("result.csv", "old content\n");
    // A second name for the old file: if eqroi truncated and rewrote the file in place, the
    // link would show the new content; an atomic replace leaves the old inode untouched.
    const fs::path link = dir.path() / "old-link.csv";
    fs::create_hard_link(file, link);
    struct stat before {};
    ASSERT_EQ(::stat(file.c_str(), &before), 0);

    const CliRun r = run_eqroi({"run", example("palletising_robot"), "--format", "csv", "--out",
                                file.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string written = read_text(file);
    EXPECT_EQ(written.rfind("rank,alternative,", 0), 0u) << written;
    EXPECT_NE(written.find("-281640.09"), std::string::npos);
    EXPECT_EQ(read_text(link), "old content\n");
    struct stat after {};
    ASSERT_EQ(::stat(file.c_str(), &after), 0);
    EXPECT_NE(before.st_ino, after.st_ino);
    EXPECT_EQ(dir.entries(), (std::vector<std::string>{"old-link.csv", "result.csv"}));
}

TEST(CliOutput, OutIntoAMissingDirectoryFailsAndLeavesNothing) {
    TempDir dir;
    const fs::path file = dir.path() / "no-such-dir" / "result.txt";
    const CliRun r = run_eqroi({"run", example("palletising_robot"), "--out", file.string()});
    EXPECT_EQ(r.exit_code, 2);  // a path the user gave that cannot be written: bad input
    EXPECT_NE(r.err.find(file.string()), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(dir.entries().empty());
}

TEST(CliOutput, UnknownFormatIsBadInput) {
    const CliRun r = run_eqroi({"run", example("palletising_robot"), "--format", "xml"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--format xml"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace cli_test
