// Turning values into bytes and back, so they can cross a process boundary.
//
// Processes share no memory, so every argument, result and message travels as
// a flat string of bytes. This codec covers what lesson programs pass around:
// arithmetic values, enums, std::string, std::vector, std::array, std::pair,
// std::tuple, and the library's own handles (queues, shared blocks), which
// define a Codec of their own. Both sides run the same program on the same
// byte order (x86-64 and wasm32 are little-endian), so values are copied as
// they lie in memory; sizes travel as 64-bit counts so a 32-bit wasm child and
// a 64-bit native parent would agree on the layout.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace cdd::mp {

using Bytes = std::vector<std::uint8_t>;

// Thrown when bytes do not hold what the reader expects (too short, extra
// bytes, an absurd length): a bug in the program, reported, never a crash.
struct DecodeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Writer {
 public:
  void raw(const void* data, std::size_t size) {
    const auto* p = static_cast<const std::uint8_t*>(data);
    bytes_.insert(bytes_.end(), p, p + size);
  }
  template <class T>
  Writer& operator<<(const T& value);
  Bytes take() { return std::move(bytes_); }
  const Bytes& bytes() const { return bytes_; }

 private:
  Bytes bytes_;
};

class Reader {
 public:
  Reader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  explicit Reader(const Bytes& bytes) : Reader(bytes.data(), bytes.size()) {}

  void raw(void* out, std::size_t size) {
    if (size > size_ - pos_) throw DecodeError("message too short: wanted " + std::to_string(size) +
                                               " more bytes, " + std::to_string(size_ - pos_) + " left");
    if (size) std::memcpy(out, data_ + pos_, size);
    pos_ += size;
  }
  // A count that is about to size a container: it cannot exceed what is left.
  std::size_t count(std::size_t element_size) {
    std::uint64_t n = 0;
    raw(&n, sizeof n);
    if (element_size && n > (size_ - pos_) / element_size)
      throw DecodeError("message claims " + std::to_string(n) + " elements but is too short");
    return static_cast<std::size_t>(n);
  }
  template <class T>
  T read();
  std::size_t remaining() const { return size_ - pos_; }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

// Codec<T>::write(Writer&, const T&) and Codec<T>::read(Reader&) -> T.
template <class T, class Enable = void>
struct Codec;

template <class T>
struct Codec<T, std::enable_if_t<std::is_arithmetic_v<T> || std::is_enum_v<T>>> {
  static void write(Writer& w, const T& v) { w.raw(&v, sizeof v); }
  static T read(Reader& r) {
    T v{};
    r.raw(&v, sizeof v);
    return v;
  }
};

template <>
struct Codec<std::string> {
  static void write(Writer& w, const std::string& s) {
    std::uint64_t n = s.size();
    w.raw(&n, sizeof n);
    w.raw(s.data(), s.size());
  }
  static std::string read(Reader& r) {
    std::string s(r.count(1), '\0');
    r.raw(s.data(), s.size());
    return s;
  }
};

template <class T>
struct Codec<std::vector<T>> {
  static void write(Writer& w, const std::vector<T>& v) {
    std::uint64_t n = v.size();
    w.raw(&n, sizeof n);
    if constexpr (std::is_arithmetic_v<T>) {
      w.raw(v.data(), v.size() * sizeof(T));
    } else {
      for (const T& item : v) Codec<T>::write(w, item);
    }
  }
  static std::vector<T> read(Reader& r) {
    std::size_t n = r.count(std::is_arithmetic_v<T> ? sizeof(T) : 1);
    std::vector<T> v;
    if constexpr (std::is_arithmetic_v<T>) {
      v.resize(n);
      r.raw(v.data(), n * sizeof(T));
    } else {
      v.reserve(n);
      for (std::size_t i = 0; i < n; ++i) v.push_back(Codec<T>::read(r));
    }
    return v;
  }
};

template <class T, std::size_t N>
struct Codec<std::array<T, N>> {
  static void write(Writer& w, const std::array<T, N>& a) {
    for (const T& item : a) Codec<T>::write(w, item);
  }
  static std::array<T, N> read(Reader& r) {
    std::array<T, N> a{};
    for (T& item : a) item = Codec<T>::read(r);
    return a;
  }
};

template <class A, class B>
struct Codec<std::pair<A, B>> {
  static void write(Writer& w, const std::pair<A, B>& p) {
    Codec<A>::write(w, p.first);
    Codec<B>::write(w, p.second);
  }
  static std::pair<A, B> read(Reader& r) {
    A a = Codec<A>::read(r);  // two statements: the order of reads matters
    B b = Codec<B>::read(r);
    return {std::move(a), std::move(b)};
  }
};

template <class... Ts>
struct Codec<std::tuple<Ts...>> {
  static void write(Writer& w, const std::tuple<Ts...>& t) {
    std::apply([&](const auto&... item) { (Codec<std::decay_t<decltype(item)>>::write(w, item), ...); }, t);
  }
  static std::tuple<Ts...> read(Reader& r) {
    // Braced initialisation evaluates left to right, so fields come out in order.
    return std::tuple<Ts...>{Codec<Ts>::read(r)...};
  }
};

template <class T>
Writer& Writer::operator<<(const T& value) {
  Codec<T>::write(*this, value);
  return *this;
}

template <class T>
T Reader::read() {
  return Codec<T>::read(*this);
}

template <class T>
Bytes encode(const T& value) {
  Writer w;
  w << value;
  return w.take();
}

// Decodes a whole message: leftover bytes mean the two sides disagree on the type.
template <class T>
T decode(const std::uint8_t* data, std::size_t size) {
  Reader r(data, size);
  T value = r.read<T>();
  if (r.remaining() != 0)
    throw DecodeError("message has " + std::to_string(r.remaining()) + " bytes left over after decoding");
  return value;
}

template <class T>
T decode(const Bytes& bytes) {
  return decode<T>(bytes.data(), bytes.size());
}

}  // namespace cdd::mp
