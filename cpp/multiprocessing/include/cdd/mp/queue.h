// Queues and buffers: moving data between processes.
//
// Queue copies: put() writes the message's bytes into the channel and get()
// copies them out on the other side (natively an OS pipe; in a browser a ring
// buffer in the shared arena). Any number of processes may put and get.
//
// Buffer transfers: it is a block in the shared arena that one process owns
// at a time. Sending it passes only its address; the sender's Buffer becomes
// empty and the receiver now owns the same bytes, so sending 64 MB costs what
// sending 16 bytes costs.
#pragma once

#include <cdd/mp/arena.h>
#include <cdd/mp/serialize.h>

#include <memory>
#include <optional>

namespace cdd::mp {

namespace detail {
class QueueImpl;
}

class Buffer {
 public:
  Buffer() = default;
  explicit Buffer(std::size_t size);
  ~Buffer();
  Buffer(Buffer&& other) noexcept;
  Buffer& operator=(Buffer&& other) noexcept;
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  std::size_t size() const { return size_; }
  bool empty() const { return offset_ == 0; }
  // Copies between this process's memory and the buffer.
  void write(std::size_t at, const void* from, std::size_t size);
  void read(std::size_t at, void* to, std::size_t size) const;
  // Direct access where the process can address the arena (native builds);
  // nullptr in a browser worker, where write()/read() are the way in.
  void* data();

  // For the codec: gives up ownership without freeing / takes it over.
  Offset release();
  Offset offset_for_transfer() const { return offset_; }
  static Buffer adopt(Offset offset, std::size_t size);

 private:
  Offset offset_ = 0;
  std::size_t size_ = 0;
};

class Queue {
 public:
  // A new, empty queue. `ring_bytes` sizes the ring buffer where a ring is
  // used (browser); natively the pipe is enlarged towards it.
  explicit Queue(std::size_t ring_bytes = 1 << 20);

  void put_bytes(const void* data, std::size_t size);
  void put_bytes(const Bytes& bytes) { put_bytes(bytes.data(), bytes.size()); }
  Bytes get_bytes();
  // Nothing when no message arrived within `timeout_ms`.
  std::optional<Bytes> get_bytes_for(double timeout_ms);

  template <class T>
  void put(const T& value) {
    put_bytes(encode(value));
  }
  template <class T>
  T get() {
    return decode<T>(get_bytes());
  }
  template <class T>
  std::optional<T> get_for(double timeout_ms) {
    auto bytes = get_bytes_for(timeout_ms);
    if (!bytes) return std::nullopt;
    return decode<T>(*bytes);
  }

  // Ownership transfer: only the buffer's address travels. An empty message
  // (put_bytes of nothing) arrives as an empty Buffer: a way to say "done".
  void put_buffer(Buffer&& buffer);
  Buffer get_buffer();

  // The queue as bytes, so a child can be handed it (see Codec<Queue>).
  Bytes handle() const;
  static Queue from_handle(const Bytes& handle);

 private:
  explicit Queue(std::shared_ptr<detail::QueueImpl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<detail::QueueImpl> impl_;
};

template <>
struct Codec<Queue> {
  static void write(Writer& w, const Queue& q) { Codec<Bytes>::write(w, q.handle()); }
  static Queue read(Reader& r) { return Queue::from_handle(Codec<Bytes>::read(r)); }
};

// Two connected ends: what one end sends, the other receives, both ways.
struct Connection {
  Queue outgoing, incoming;
  template <class T>
  void send(const T& value) {
    outgoing.put(value);
  }
  template <class T>
  T receive() {
    return incoming.get<T>();
  }
};

// A pipe: two Connections joined back to back.
std::pair<Connection, Connection> make_pipe(std::size_t ring_bytes = 1 << 20);

template <>
struct Codec<Connection> {
  static void write(Writer& w, const Connection& c) {
    Codec<Queue>::write(w, c.outgoing);
    Codec<Queue>::write(w, c.incoming);
  }
  static Connection read(Reader& r) {
    Queue out = Codec<Queue>::read(r);
    Queue in = Codec<Queue>::read(r);
    return {std::move(out), std::move(in)};
  }
};

}  // namespace cdd::mp
