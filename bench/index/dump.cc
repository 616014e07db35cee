/*
 * dump.cc - print every document of a Xapian database in an order that does
 * not depend on how it was built: `dump DB` prints, for each document sorted
 * by its unique term (Q<sha>:<page>), its terms with their wdf and
 * positions, its values and its data. Two indexes hold the same documents
 * when their dumps are equal (diff): bench/index/compare builds the same data
 * directory's index with two dokaz builds and compares them. Not built by
 * default: `ninja -C build bench/index/dump`.
 */
#include <xapian.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

/* dump_document - its terms, positions, values and data as lines */
static std::string dump_document(const Xapian::Document &doc)
{
    std::ostringstream out;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        out << "term " << *t << " wdf " << t.get_wdf();
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
            out << ' ' << *p;
        out << '\n';
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
        out << "value " << v.get_valueno() << ' ';
        for (unsigned char c : *v) {
            char hex[3];
            std::snprintf(hex, sizeof hex, "%02x", c);
            out << hex;
        }
        out << '\n';
    }
    out << "data " << doc.get_data() << '\n';
    return out.str();
}

/* main - dump the database named on the command line */
int main(int argc, char **argv)
{
    if (argc != 2) {
        std::cerr << "usage: dump DB\n";
        return 2;
    }
    try {
        Xapian::Database db(argv[1]);
        std::map<std::string, std::string> docs;
        for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
            Xapian::Document doc = db.get_document(*d);
            auto q = doc.termlist_begin();
            q.skip_to("Q");
            std::string key = q != doc.termlist_end() ? *q : "docid " + std::to_string(*d);
            docs[key] = dump_document(doc);
        }
        for (const auto &[key, text] : docs)
            std::cout << "document " << key << '\n' << text;
        std::cout << "documents " << docs.size() << '\n';
        for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k)
            std::cout << "metadata " << *k << ' ' << db.get_metadata(*k) << '\n';
    } catch (const Xapian::Error &e) {
        std::cerr << "dump: " << e.get_description() << '\n';
        return 1;
    }
    return 0;
}
