// Trust list files: reading them (errors at file:line:col, typos with the nearest key), merging
// the project and user lists, and appending an approval without disturbing what is there.
#include "loader_support.hpp"

#include <eqroi/core/trust.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <iterator>

namespace loader_test {
namespace {

using eqroi::InputError;
using eqroi::TrustEntry;
using eqroi::TrustList;
using eqroi::TrustPolicy;

const std::string kShaA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const std::string kShaB = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_all(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
}

/// Names in `dir`, sorted: shows a temporary file left behind.
std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    return names;
}

/// Every diagnostic of reading `file`, as `file:line:col: message`; fails when it reads.
std::vector<std::string> read_problems(const fs::path& file) {
    std::vector<std::string> out;
    try {
        TrustList::read(file);
        ADD_FAILURE() << file << " was read without an error";
    } catch (const InputError& e) {
        for (const auto& d : e.diagnostics()) out.push_back(d.to_string());
    }
    return out;
}

class TrustListTest : public ::testing::Test {
protected:
    TempDir dir{"trust_list"};
    const fs::path file = dir.path() / "eqroi-trust.toml";
    const std::string name = file.string();
};

TEST_F(TrustListTest, ReadsEntriesWithTheirPlaceAndNormalisesTheHash) {
    write_all(file,
              "# Approved plugins.\n"
              "[[plugin]]\n"                                     // line 2
              "sha256 = \"" + kShaA + "\"\n"
              "vendor = \"ACME Service\"\n"
              "name = \"ACME uptime contract\"\n"
              "version = \"1.0.0\"\n"
              "file = \"acme_uptime_contract.so\"\n"
              "approved = \"2026-11-21\"\n"
              "\n"
              "[[plugin]]\n"                                     // line 10
              "sha256 = \"BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD\"\n"
              "vendor = \"Coolant & Co\"\n"
              "approved = 2027-01-05\n");                        // a TOML date, unquoted
    const TrustList list = TrustList::read(file);
    ASSERT_EQ(list.entries().size(), 2u);
    const TrustEntry& a = list.entries()[0];
    EXPECT_EQ(a.sha256, kShaA);
    EXPECT_EQ(a.vendor, "ACME Service");
    EXPECT_EQ(a.name, "ACME uptime contract");
    EXPECT_EQ(a.version, "1.0.0");
    EXPECT_EQ(a.file, "acme_uptime_contract.so");
    EXPECT_EQ(a.approved, "2026-11-21");
    EXPECT_EQ(a.where.file, name);
    EXPECT_EQ(a.where.line, 2);
    const TrustEntry& b = list.entries()[1];
    EXPECT_EQ(b.sha256, kShaB);  // lowercase
    EXPECT_EQ(b.vendor, "Coolant & Co");
    EXPECT_EQ(b.name, "");
    EXPECT_EQ(b.approved, "2027-01-05");
    EXPECT_EQ(b.where.line, 10);
    EXPECT_EQ(list.find(kShaB), &list.entries()[1]);
    EXPECT_EQ(list.find(std::string(64, '0')), nullptr);
    EXPECT_EQ(list.files(), std::vector<fs::path>{file});
}

TEST_F(TrustListTest, AbsentFileIsAnEmptyListThatStillNamesTheFile) {
    const TrustList list = TrustList::read(dir.path() / "nowhere" / "trust.toml");
    EXPECT_TRUE(list.entries().empty());
    EXPECT_EQ(list.files(), std::vector<fs::path>{dir.path() / "nowhere" / "trust.toml"});
    // An empty file and `plugin = []` approve nothing, without complaint.
    write_all(file, "");
    EXPECT_TRUE(TrustList::read(file).entries().empty());
    write_all(file, "plugin = []\n");
    EXPECT_TRUE(TrustList::read(file).entries().empty());
}

TEST_F(TrustListTest, MalformedTomlGivesFileLineAndColumn) {
    write_all(file, "[[plugin]]\nsha256 = \"" + kShaA + "\"\nvendor = \"ACME\n");
    const auto problems = read_problems(file);
    ASSERT_EQ(problems.size(), 1u);
    // `vendor = "ACME` (line 3): the string runs into the line's end, column 15. The wording
    // after the position is toml++'s.
    EXPECT_EQ(problems[0].rfind(name + ":3:15: ", 0), 0u) << problems[0];
}

TEST_F(TrustListTest, TypoInAKeySuggestsTheRightOneAtItsPlace) {
    write_all(file,
              "[[plugin]]\n"
              "sha265 = \"" + kShaA + "\"\n"  // line 2, column 1
              "vendor = \"ACME\"\n"
              "  vendr = \"x\"\n");          // line 4, column 3
    const auto problems = read_problems(file);
    ASSERT_EQ(problems.size(), 3u);
    EXPECT_EQ(problems[0], name + ":1:1: missing required key 'sha256' in [[plugin]] (the "
                                  "SHA-256 of the approved file, as `sha256sum FILE` prints it)");
    EXPECT_EQ(problems[1], name + ":2:1: unknown key 'sha265' in [[plugin]]; did you mean "
                                  "'sha256'?");
    EXPECT_EQ(problems[2], name + ":4:3: unknown key 'vendr' in [[plugin]]; did you mean "
                                  "'vendor'?");
}

TEST_F(TrustListTest, BadHashVendorAndTypesAreEachReported) {
    write_all(file,
              "[[plugin]]\n"
              "sha256 = \"" + std::string(63, 'a') + "g\"\n"  // 64 characters, one not hex
              "vendor = \"ACME\"\n"
              "[[plugin]]\n"
              "sha256 = \"abc123\"\n"                         // too short
              "vendor = \"\"\n"                               // empty
              "[[plugin]]\n"
              "sha256 = \"" + kShaA + "\"\n"
              "vendor = 42\n"
              "version = 1.0\n");
    const auto problems = read_problems(file);
    ASSERT_EQ(problems.size(), 5u);
    const std::string hint = ": it must be 64 hex digits (0-9, a-f), as `sha256sum FILE` prints it";
    EXPECT_EQ(problems[0], name + ":2:10: 'sha256' = \"" + std::string(63, 'a') +
                               "g\" is not a SHA-256" + hint + "; got 64 characters");
    EXPECT_EQ(problems[1],
              name + ":5:10: 'sha256' = \"abc123\" is not a SHA-256" + hint + "; got 6 characters");
    EXPECT_EQ(problems[2], name + ":6:10: 'vendor' is empty: it must be the vendor the plugin "
                                  "declares, checked when it loads");
    EXPECT_EQ(problems[3], name + ":9:10: 'vendor' expects a string, got an integer");
    EXPECT_EQ(problems[4], name + ":10:11: 'version' expects a string, got a number");
}

TEST_F(TrustListTest, OnlyPluginTablesAtTheTop) {
    write_all(file, "[plugins]\nsha256 = \"x\"\n");
    EXPECT_EQ(read_problems(file),
              std::vector<std::string>{name + ":1:2: unknown key 'plugins' in a trust list "
                                              "(which holds [[plugin]] tables); did you mean "
                                              "'plugin'?"});
    write_all(file, "[plugin]\nsha256 = \"" + kShaA + "\"\nvendor = \"ACME\"\n");
    EXPECT_EQ(read_problems(file),
              std::vector<std::string>{name + ":1:1: 'plugin' expects [[plugin]] tables, one "
                                              "per approved plugin file, got a table"});
}

TEST_F(TrustListTest, MergeKeepsTheFirstEntryForAHashAndEveryFile) {
    const fs::path user = dir.path() / "user.toml";
    write_all(file, "[[plugin]]\nsha256 = \"" + kShaA + "\"\nvendor = \"Project says\"\n");
    write_all(user, "[[plugin]]\nsha256 = \"" + kShaA + "\"\nvendor = \"User says\"\n"
                    "[[plugin]]\nsha256 = \"" + kShaB + "\"\nvendor = \"Only the user\"\n");
    TrustList list = TrustList::read(file);
    list.merge(TrustList::read(user));
    ASSERT_EQ(list.entries().size(), 2u);
    EXPECT_EQ(list.find(kShaA)->vendor, "Project says");
    EXPECT_EQ(list.find(kShaB)->vendor, "Only the user");
    EXPECT_EQ(list.find(kShaB)->where.file, user.string());
    EXPECT_EQ(list.find(kShaB)->where.line, 4);
    EXPECT_EQ(list.files(), (std::vector<fs::path>{file, user}));
}

TEST_F(TrustListTest, ForStudyReadsTheProjectListThenTheUserList) {
    const fs::path user = dir.path() / "user" / "trust.toml";
    ScopedEnv env("EQROI_USER_TRUST_FILE", user.c_str());
    write_all(file, "[[plugin]]\nsha256 = \"" + kShaA + "\"\nvendor = \"ACME\"\n");
    const TrustPolicy p = TrustPolicy::for_study(dir.path(), true);
    EXPECT_TRUE(p.allow_untrusted);
    EXPECT_EQ(p.trusted_directories, TrustPolicy::bundled_only().trusted_directories);
    EXPECT_EQ(p.list.files(), (std::vector<fs::path>{file, user}));  // the user's is absent
    ASSERT_EQ(p.list.entries().size(), 1u);
    EXPECT_EQ(p.decide(dir.path() / "x.so", kShaA).status, eqroi::TrustStatus::listed);
    EXPECT_EQ(p.decide(dir.path() / "x.so", kShaB).status,
              eqroi::TrustStatus::allowed_untrusted);
    // A malformed list stops the study rather than silently approving less.
    write_all(file, "[[plugin]]\nsha256 = 12\n");
    EXPECT_THROW(TrustPolicy::for_study(dir.path(), false), InputError);
}

TEST(TrustFiles, UserListLocation) {
    ScopedEnv home("HOME", "/home/ann");
    {
        ScopedEnv test("EQROI_USER_TRUST_FILE", "/tmp/t.toml");
        ScopedEnv xdg("XDG_CONFIG_HOME", "/cfg");
        EXPECT_EQ(eqroi::user_trust_file(), "/tmp/t.toml");
    }
    ScopedEnv test("EQROI_USER_TRUST_FILE", nullptr);
    {
        ScopedEnv xdg("XDG_CONFIG_HOME", "/cfg");
        EXPECT_EQ(eqroi::user_trust_file(), "/cfg/eqroi/trust.toml");
    }
    ScopedEnv xdg("XDG_CONFIG_HOME", nullptr);
    EXPECT_EQ(eqroi::user_trust_file(), "/home/ann/.config/eqroi/trust.toml");
    ScopedEnv no_home("HOME", nullptr);
    EXPECT_EQ(eqroi::user_trust_file(), "");
    EXPECT_EQ(eqroi::project_trust_file("/studies/press"), "/studies/press/eqroi-trust.toml");
    EXPECT_EQ(eqroi::project_trust_file(""), "./eqroi-trust.toml");
}

TrustEntry entry(const std::string& sha, const std::string& vendor) {
    TrustEntry e;
    e.sha256 = sha;
    e.vendor = vendor;
    e.name = "Uptime contract";
    e.version = "1.0.0";
    e.file = "acme.so";
    e.approved = "2026-11-21";
    return e;
}

TEST_F(TrustListTest, AddCreatesTheFileAndItsDirectory) {
    const fs::path nested = dir.path() / "config" / "eqroi" / "trust.toml";
    ASSERT_TRUE(eqroi::add_trust_entry(nested, entry(kShaA, "ACME")));
    const std::string text = read_all(nested);
    // A new list starts with a comment saying what it is, then the entry.
    EXPECT_EQ(text.rfind("# Plugins approved for eqroi.", 0), 0u) << text;
    EXPECT_NE(text.find("\n[[plugin]]\nsha256 = \"" + kShaA + "\"\nvendor = \"ACME\"\n"
                        "name = \"Uptime contract\"\nversion = \"1.0.0\"\nfile = \"acme.so\"\n"
                        "approved = \"2026-11-21\"\n"),
              std::string::npos) << text;
    const TrustList list = TrustList::read(nested);
    ASSERT_EQ(list.entries().size(), 1u);
    EXPECT_EQ(list.entries()[0].vendor, "ACME");
    EXPECT_EQ(names_in(nested.parent_path()), std::vector<std::string>{"trust.toml"});
}

TEST_F(TrustListTest, AddKeepsEveryExistingByteAndRefusesADuplicate) {
    const std::string before = "# Approved by purchasing.  Keep this comment!\n"
                               "[[plugin]]   # the press\n"
                               "sha256 = \"" + kShaA + "\"\n"
                               "vendor = 'ACME'   # literal string\n";  // no final blank line
    write_all(file, before);
    ASSERT_EQ(::chmod(file.c_str(), 0640), 0);
    ASSERT_TRUE(eqroi::add_trust_entry(file, entry(kShaB, "Coolant & Co")));
    const std::string after = read_all(file);
    ASSERT_GT(after.size(), before.size());
    EXPECT_EQ(after.substr(0, before.size()), before);  // byte-identical prefix
    EXPECT_EQ(after.substr(before.size(), 12), "\n[[plugin]]\n");
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0640u);
    EXPECT_EQ(TrustList::read(file).entries().size(), 2u);

    // Approving either again writes nothing (an uppercase hash is the same hash).
    std::string upper = kShaA;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_FALSE(eqroi::add_trust_entry(file, entry(upper, "ACME")));
    EXPECT_FALSE(eqroi::add_trust_entry(file, entry(kShaB, "Coolant & Co")));
    EXPECT_EQ(read_all(file), after);
    EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"eqroi-trust.toml"});
}

TEST_F(TrustListTest, VendorWithQuotesBackslashesAndControlsRoundTrips) {
    const std::string vendor = "Say \"hi\" \\ C:\\vendors\\ M\303\274ller\ttab\nnewline \x7f end";
    ASSERT_TRUE(eqroi::add_trust_entry(file, entry(kShaA, vendor)));
    const TrustList list = TrustList::read(file);
    ASSERT_EQ(list.entries().size(), 1u);
    EXPECT_EQ(list.entries()[0].vendor, vendor);
    EXPECT_NE(read_all(file).find(
                  "vendor = \"Say \\\"hi\\\" \\\\ C:\\\\vendors\\\\ M\303\274ller\\ttab\\nnewline "
                  "\\u007F end\"\n"),
              std::string::npos) << read_all(file);
}

TEST_F(TrustListTest, AddToAMalformedListWritesNothing) {
    const std::string broken = "[[plugin]]\nsha256 = \"" + kShaA + "\"\nvendor = \"ACME\n";
    write_all(file, broken);
    EXPECT_THROW(eqroi::add_trust_entry(file, entry(kShaB, "Coolant")), InputError);
    EXPECT_EQ(read_all(file), broken);
    EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"eqroi-trust.toml"});
}

/// The message add_trust_entry throws, or a failed test when it writes.
std::string add_error(const fs::path& file, const TrustEntry& e) {
    try {
        eqroi::add_trust_entry(file, e);
        ADD_FAILURE() << "added";
    } catch (const std::runtime_error& error) {
        return error.what();
    }
    return "";
}

TEST_F(TrustListTest, AddRefusesWhatCouldNotBeReadBack) {
    EXPECT_EQ(add_error(file, entry("abc", "ACME")),
              name + ": cannot approve \"abc\": not a SHA-256 (64 hex digits)");
    EXPECT_EQ(add_error(file, entry(kShaA, "")),
              name + ": cannot approve a plugin without a vendor");
    // 0xff never occurs in UTF-8; TOML files are UTF-8, so it could not be read back.
    EXPECT_EQ(add_error(file, entry(kShaA, "bad \xff byte")),
              name + ": cannot approve: its vendor is not valid UTF-8 text");
    TrustEntry overlong = entry(kShaA, "ACME");
    overlong.name = "\xc0\xaf";  // '/' spelt in two bytes: an overlong form, not UTF-8
    EXPECT_EQ(add_error(file, overlong), name + ": cannot approve: its name is not valid UTF-8 text");
    EXPECT_TRUE(names_in(dir.path()).empty());
}

TEST_F(TrustListTest, AddThroughALinkWritesTheLinkedFile) {
    const fs::path real = dir.path() / "dotfiles" / "trust.toml";
    fs::create_directories(real.parent_path());
    write_all(real, "# mine\n");
    fs::create_symlink(real, file);
    ASSERT_TRUE(eqroi::add_trust_entry(file, entry(kShaA, "ACME")));
    EXPECT_TRUE(fs::is_symlink(file));
    EXPECT_EQ(read_all(real).rfind("# mine\n\n[[plugin]]\n", 0), 0u);
    EXPECT_EQ(TrustList::read(file).entries().size(), 1u);
}

}  // namespace
}  // namespace loader_test
