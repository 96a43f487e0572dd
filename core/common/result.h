#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace stills {

// What went wrong, in words a user can read. Errors are values at module boundaries:
// nothing above a wrapper (exiv2, SQL, libarchive) sees an exception.
struct Error {
    enum class Code {
        Io,             // a file could not be read or written
        Database,       // the catalog refused a statement
        Conflict,       // someone else changed the row since it was read (version mismatch)
        NotFound,
        InvalidInput,   // bad user input: a URL, a query, a name
        Unsupported,    // a format or feature Stills does not handle (yet)
        Corrupt,        // a file is damaged or lies about itself
        TooLarge,       // a limit was hit (pixel budget, archive bomb)
        SchemaTooNew,   // the catalog was written by a newer Stills
        Cancelled,
    };

    Code code = Code::Io;
    QString message;

    static Error io(QString m) { return {Code::Io, std::move(m)}; }
    static Error database(QString m) { return {Code::Database, std::move(m)}; }
    static Error conflict(QString m) { return {Code::Conflict, std::move(m)}; }
    static Error notFound(QString m) { return {Code::NotFound, std::move(m)}; }
    static Error invalid(QString m) { return {Code::InvalidInput, std::move(m)}; }
    static Error unsupported(QString m) { return {Code::Unsupported, std::move(m)}; }
    static Error corrupt(QString m) { return {Code::Corrupt, std::move(m)}; }
};

// A value or an Error. Deliberately small: check with ok() / operator bool, then value() or error().
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

// Result of an operation that yields nothing but may fail.
template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

using Status = Result<void>;

} // namespace stills
