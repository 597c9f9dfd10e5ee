// Trust before load (issue 4): a plugin nobody approved is refused before any of its code runs,
// the hash is taken on the bytes that are loaded, and what is loaded is never the file by name.
// Hashes are checked against `sha256sum`, an independent tool.
#include "loader_support.hpp"

#include <eqroi/core/trust.hpp>

#include <cstdio>
#include <cstdlib>
#include <iterator>

namespace loader_test {
namespace {

using eqroi::PluginError;
using eqroi::PluginRegistry;
using eqroi::TrustPolicy;
using eqroi::TrustStatus;
using eqroi::UntrustedPluginError;

/// The vendor marker.c declares: Müller & "Söhne" Test\Vendor (UTF-8, quotes, a backslash).
const std::string kMarkerVendor = "M\303\274ller & \"S\303\266hne\" Test\\Vendor";

fs::path trust_plugin(const std::string& name) {
    return fs::path(EQROI_TRUST_PLUGIN_DIR) / (name + ".so");
}

/// What `sha256sum FILE` prints for the file: the independent check of sha256_hex.
std::string sha256sum(const fs::path& file) {
    const std::string path = file.string();
    if (path.find('\'') != std::string::npos) ADD_FAILURE() << "quote in " << path;
    FILE* pipe = popen(("sha256sum -- '" + path + "'").c_str(), "r");
    if (!pipe) {
        ADD_FAILURE() << "cannot run sha256sum";
        return "";
    }
    char digest[65] = {};
    const std::size_t n = std::fread(digest, 1, 64, pipe);
    pclose(pipe);
    EXPECT_EQ(n, 64u) << "sha256sum " << path;
    return std::string(digest, n);
}

std::string file_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The refusal load_file throws, or a failed test when it loads or fails otherwise.
UntrustedPluginError refusal(PluginRegistry& registry, const fs::path& file) {
    try {
        registry.load_file(file);
        ADD_FAILURE() << file << " loaded, but it is not trusted";
    } catch (const UntrustedPluginError& e) {
        return e;
    } catch (const std::exception& e) {
        ADD_FAILURE() << file << ": expected an UntrustedPluginError, got: " << e.what();
    }
    return UntrustedPluginError("", "");
}

TEST(Sha256, PublishedTestVectors) {
    // FIPS 180-2, appendix B.1 and B.2, and the empty message.
    EXPECT_EQ(eqroi::sha256_hex("abc", 3),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(eqroi::sha256_hex("", 0),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const std::string two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    EXPECT_EQ(eqroi::sha256_hex(two_blocks.data(), two_blocks.size()),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    // B.3: one million times 'a'.
    const std::string million(1000000, 'a');
    EXPECT_EQ(eqroi::sha256_hex(million.data(), million.size()),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/// A temporary study directory: its eqroi-trust.toml is the project list, user-trust.toml the
/// user list (through EQROI_USER_TRUST_FILE, so the real home is never read), and marker.txt
/// is where marker.so's constructor writes.
class TrustTest : public ::testing::Test {
protected:
    TempDir dir{"trust"};
    const fs::path project_list = dir.path() / "eqroi-trust.toml";
    const fs::path user_list = dir.path() / "user-trust.toml";
    const fs::path marker = dir.path() / "marker.txt";
    ScopedEnv user_env{"EQROI_USER_TRUST_FILE", user_list.c_str()};
    ScopedEnv marker_env{"EQROI_TEST_MARKER", marker.c_str()};

    /// A copy of `from` in the study directory (outside every trusted directory).
    fs::path copy(const fs::path& from, const std::string& name) const {
        const fs::path to = dir.path() / name;
        fs::create_directories(to.parent_path());
        fs::copy_file(from, to, fs::copy_options::overwrite_existing);
        return to;
    }
    /// Approves `file` in the project list for `vendor`.
    void approve(const fs::path& file, const std::string& vendor) const {
        eqroi::TrustEntry e;
        e.sha256 = sha256sum(file);
        e.vendor = vendor;
        e.file = file.filename().string();
        ASSERT_TRUE(eqroi::add_trust_entry(project_list, e));
    }
    TrustPolicy policy(bool allow_untrusted = false) const {
        return TrustPolicy::for_study(dir.path(), allow_untrusted);
    }
};

TEST_F(TrustTest, PluginHashIsWhatSha256sumPrintsAndWhatTheModelRecords) {
    const fs::path file = plugin("good");
    const std::string expected = sha256sum(file);
    ASSERT_EQ(expected.size(), 64u);
    const std::string bytes = file_bytes(file);
    EXPECT_EQ(eqroi::sha256_hex(bytes.data(), bytes.size()), expected);

    PluginRegistry registry{TrustPolicy::trust_everything()};
    ASSERT_NO_THROW(registry.load_file(file));
    const eqroi::Model* model = registry.find("test_good");
    ASSERT_NE(model, nullptr);
    EXPECT_EQ(model->origin().sha256, expected);
    EXPECT_EQ(model->origin().trust.status, TrustStatus::allowed_untrusted);
    EXPECT_FALSE(model->origin().trust.entry.has_value());
}

TEST_F(TrustTest, UnlistedPluginIsRefusedBeforeItsConstructorRuns) {
    const fs::path file = copy(trust_plugin("marker"), "marker.so");
    const std::string sha = sha256sum(file);
    PluginRegistry registry{policy()};
    const UntrustedPluginError e = refusal(registry, file);
    EXPECT_EQ(e.file(), file.string());
    EXPECT_EQ(e.sha256(), sha);
    const std::string what = e.what();
    EXPECT_EQ(what.rfind(file.string() + ": not trusted (SHA-256 " + sha + "): refused before "
                                         "loading, none of its code ran.", 0),
              0u) << what;
    // The approval hint names the command (with the project list the policy reads, if any).
    EXPECT_NE(what.find("`eqroi plugins trust " + file.string()), std::string::npos) << what;
    // The constructor would have written the marker the moment the library was mapped.
    EXPECT_FALSE(fs::exists(marker));
    EXPECT_TRUE(registry.models().empty());
    EXPECT_FALSE(is_loaded(file));
    EXPECT_FALSE(file_is_mapped(file));
}

TEST_F(TrustTest, ListedPluginLoadsAndItsConstructorRuns) {
    // The positive control of the test above: the same plugin, approved, does leave the mark,
    // so an absent marker there means "never ran", not "cannot write".
    const fs::path file = copy(trust_plugin("marker"), "marker.so");
    approve(file, kMarkerVendor);  // the vendor goes through TOML escaping and back
    PluginRegistry registry{policy()};
    ASSERT_NO_THROW(registry.load_file(file));
    EXPECT_TRUE(fs::exists(marker));
    EXPECT_EQ(file_bytes(marker), "constructor ran\n");
    const eqroi::Model* model = registry.find("test_marker");
    ASSERT_NE(model, nullptr);
    EXPECT_EQ(model->file(), file);
    EXPECT_EQ(model->plugin().vendor, kMarkerVendor);
    EXPECT_EQ(model->origin().sha256, sha256sum(file));
    EXPECT_EQ(model->origin().trust.status, TrustStatus::listed);
    ASSERT_TRUE(model->origin().trust.entry.has_value());
    EXPECT_EQ(model->origin().trust.entry->vendor, kMarkerVendor);
    EXPECT_EQ(model->origin().trust.entry->where.file, project_list.string());
    // It runs: cost = -hours per period, -750 for 750 h.
    EXPECT_EQ(evaluate(*model, timing(2, 1), {{750}}), (std::vector<double>{0, -750, -750}));
}

TEST_F(TrustTest, AllowUntrustedLoadsAndSaysSo) {
    const fs::path file = copy(trust_plugin("marker"), "marker.so");
    PluginRegistry registry{policy(/*allow_untrusted=*/true)};
    ASSERT_NO_THROW(registry.load_file(file));
    EXPECT_TRUE(fs::exists(marker));
    ASSERT_NE(registry.find("test_marker"), nullptr);
    EXPECT_EQ(registry.find("test_marker")->origin().trust.status,
              TrustStatus::allowed_untrusted);
    EXPECT_STREQ(eqroi::trust_status_name(TrustStatus::allowed_untrusted), "untrusted (allowed)");
}

TEST_F(TrustTest, DefaultRegistryTrustsOnlyTheBundledDirectory) {
    PluginRegistry registry;
    ASSERT_EQ(registry.policy().trusted_directories.size(), 1u);
    EXPECT_EQ(registry.policy().trusted_directories[0], PluginRegistry::bundled_directory());
    EXPECT_FALSE(registry.policy().allow_untrusted);
    EXPECT_TRUE(registry.policy().list.entries().empty());
    // The fault plugins lie in the test's build directory, not the bundled one.
    const UntrustedPluginError e = refusal(registry, plugin("good"));
    EXPECT_EQ(e.sha256(), sha256sum(plugin("good")));
    EXPECT_FALSE(is_loaded(plugin("good")));
}

TEST_F(TrustTest, FileRenamedOverAnApprovedOneIsRefused) {
    const fs::path file = copy(plugin("good"), "vendor.so");
    approve(file, "eqroi tests");
    {
        PluginRegistry registry{policy()};
        ASSERT_NO_THROW(registry.load_file(file));
        EXPECT_EQ(registry.find("test_good")->origin().trust.status, TrustStatus::listed);
    }
    // Someone replaces the approved file with another library under the same name.
    const fs::path other = copy(plugin("good_twin"), "incoming.so");
    fs::rename(other, file);
    const std::string twin_sha = sha256sum(file);
    ASSERT_NE(twin_sha, sha256sum(plugin("good")));
    PluginRegistry registry{policy()};
    const UntrustedPluginError e = refusal(registry, file);
    EXPECT_EQ(e.sha256(), twin_sha);  // the hash of what is there now, not of the approved file
    EXPECT_TRUE(registry.models().empty());
    // Nothing was opened as a library under the user's path, nor from a memory copy.
    EXPECT_FALSE(file_is_mapped(file));
    EXPECT_FALSE(is_loaded(file));
}

TEST_F(TrustTest, LoadedCodeIsTheCheckedCopyNotTheFile) {
    const fs::path file = copy(plugin("good"), "vendor.so");
    approve(file, "eqroi tests");
    PluginRegistry registry{policy()};
    ASSERT_NO_THROW(registry.load_file(file));
    if (std::getenv("EQROI_TEST_WITHOUT_MEMFD")) {
        // The fallback maps the file's own inode, read through the same descriptor: a rename
        // cannot swap it (test above), writing into the file in place could.
        EXPECT_TRUE(file_is_mapped(file));
        GTEST_SKIP() << "no memory copy without memfd_create";
    }
    EXPECT_TRUE(is_loaded(file));  // a memory copy labelled vendor.so is mapped...
    // ...and the file itself is not (else stop here: overwriting it would crash this test).
    ASSERT_FALSE(file_is_mapped(file));
    // Overwrite the file in place (same inode) with the twin's bytes. A library mapped from
    // the file would now run them (or crash); the checked copy keeps good.so's numbers.
    {
        const std::string twin = file_bytes(plugin("good_twin"));
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(twin.data(), static_cast<std::streamsize>(twin.size()));
    }
    ASSERT_EQ(sha256sum(file), sha256sum(plugin("good_twin")));
    expect_good_plugin_works(registry, file);  // -2500 per year, not the twin's -1
}

TEST_F(TrustTest, VendorOtherThanApprovedIsRefusedWithTheTrustFileLine) {
    const fs::path file = copy(trust_plugin("marker"), "marker.so");
    {
        std::ofstream out(project_list);
        out << "# Approved by purchasing, 2026-11-21.\n"
               "\n"
               "[[plugin]]\n"  // line 3
               "sha256 = \"" << sha256sum(file) << "\"\n"
               "vendor = \"Someone Else\"\n";
    }
    PluginRegistry registry{policy()};
    try {
        registry.load_file(file);
        ADD_FAILURE() << "loaded despite the vendor mismatch";
    } catch (const UntrustedPluginError& e) {
        ADD_FAILURE() << "refused as untrusted, but its hash is listed: " << e.what();
    } catch (const PluginError& e) {
        EXPECT_EQ(e.file(), file.string());
        EXPECT_EQ(e.reason(), "declares vendor \"" + kMarkerVendor + "\", but the trust list "
                              "entry for its SHA-256 (" + project_list.string() + ":3) approves "
                              "vendor \"Someone Else\": refused. If this is the plugin you "
                              "meant to approve, correct the vendor there");
    }
    EXPECT_TRUE(registry.models().empty());
    EXPECT_FALSE(is_loaded(file));  // unloaded again
}

TEST_F(TrustTest, BundledByLocationButNotThroughASymlink) {
    const fs::path bundled = dir.path() / "bundled";
    const fs::path inside = copy(plugin("good"), "bundled/good.so");
    const fs::path outside = copy(plugin("good_twin"), "outside/twin.so");
    const fs::path nested = copy(plugin("good_twin"), "bundled/sub/twin.so");
    const fs::path link = bundled / "link.so";
    fs::create_symlink(outside, link);
    TrustPolicy p;
    p.trusted_directories = {bundled};
    {
        PluginRegistry registry{p};
        ASSERT_NO_THROW(registry.load_file(inside));
        EXPECT_EQ(registry.find("test_good")->origin().trust.status, TrustStatus::bundled);
        EXPECT_FALSE(registry.find("test_good")->origin().trust.entry.has_value());
    }
    // A link inside pointing outside is judged where its target lies; so is a subdirectory.
    PluginRegistry registry{p};
    EXPECT_EQ(refusal(registry, link).sha256(), sha256sum(outside));
    EXPECT_EQ(refusal(registry, nested).sha256(), sha256sum(nested));
    EXPECT_TRUE(registry.models().empty());
    const std::string any(64, '0');
    EXPECT_EQ(p.decide(inside, any).status, TrustStatus::bundled);
    EXPECT_EQ(p.decide(link, any).status, TrustStatus::untrusted);
    EXPECT_EQ(p.decide(nested, any).status, TrustStatus::untrusted);
}

TEST_F(TrustTest, DirectoryLoadKeepsTrustedPluginsAndRecordsTheUntrusted) {
    const fs::path good = copy(plugin("good"), "plugins/good.so");
    const fs::path nan = copy(plugin("eval_nan"), "plugins/eval_nan.so");
    const fs::path unlisted = copy(trust_plugin("marker"), "plugins/marker.so");
    approve(good, "eqroi tests");
    approve(nan, "eqroi tests");
    PluginRegistry registry{policy()};
    registry.load_directories({dir.path() / "plugins"});
    EXPECT_EQ(registry.ids(), (std::vector<std::string>{"test_eval_nan", "test_good"}));
    ASSERT_EQ(registry.errors().size(), 1u);
    EXPECT_EQ(registry.errors()[0].file(), unlisted.string());
    EXPECT_EQ(registry.errors()[0].reason().rfind("not trusted (SHA-256 " + sha256sum(unlisted) +
                                                  "): refused before loading", 0),
              0u) << registry.errors()[0].what();
    // The kind survives the copy into errors(), for front ends that count refusals.
    EXPECT_TRUE(registry.errors()[0].untrusted());
    EXPECT_FALSE(fs::exists(marker));
    expect_good_plugin_works(registry, good);
}

TEST_F(TrustTest, TwoPluginsThroughTheSameDescriptorNumberStayTwo) {
    // Each plugin is loaded through /proc/self/fd/N, and the descriptor is closed after the
    // load, so the next plugin's copy usually gets the same N. nodelete_twin.so stays mapped
    // after its registry is gone (linked with -z nodelete), still under its old name: dlopen of
    // that name must not hand back the twin for good.so.
    {
        PluginRegistry registry{TrustPolicy::trust_everything()};
        ASSERT_NO_THROW(registry.load_file(trust_plugin("nodelete_twin")));
        EXPECT_EQ(evaluate(*registry.find("test_good"), timing(1, 1), {{100}}),
                  (std::vector<double>{0, -1}));  // the twin's flat -1
    }
    EXPECT_TRUE(is_loaded(trust_plugin("nodelete_twin")));  // what -z nodelete is for
    PluginRegistry registry{TrustPolicy::trust_everything()};
    ASSERT_NO_THROW(registry.load_file(trust_plugin("marker")));
    expect_good_plugin_works(registry);  // good.so's -2500, not the twin's -1
    ASSERT_NE(registry.find("test_marker"), nullptr);
    EXPECT_EQ(registry.find("test_marker")->origin().sha256, sha256sum(trust_plugin("marker")));
    EXPECT_EQ(registry.find("test_good")->origin().sha256, sha256sum(plugin("good")));
}

TEST_F(TrustTest, LinkErrorNamesTheUsersFileNotTheProcPath) {
    const fs::path file = trust_plugin("undefined_symbol");
    PluginRegistry registry{TrustPolicy::trust_everything()};
    try {
        registry.load_file(file);
        ADD_FAILURE() << "loaded with an undefined symbol";
    } catch (const PluginError& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.file(), file.string());
        EXPECT_EQ(e.reason().rfind("cannot be loaded as a shared library: ", 0), 0u) << what;
        EXPECT_NE(what.find("undefined symbol: eqroi_test_symbol_nobody_defines"),
                  std::string::npos) << what;
        EXPECT_EQ(what.find("/proc/self/fd"), std::string::npos) << what;
    }
    EXPECT_FALSE(is_loaded(file));
}

}  // namespace
}  // namespace loader_test
