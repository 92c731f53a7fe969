// Queue, Buffer and pipes over whichever channel the backend provides.
#include <cdd/mp/queue.h>

#include <stdexcept>

#include "detail.h"

namespace cdd::mp {

Buffer::Buffer(std::size_t size) : offset_(arena_allocate(shared_arena(), size)), size_(size) {}

Buffer::~Buffer() {
  if (offset_) arena_free(shared_arena(), offset_);
}

Buffer::Buffer(Buffer&& other) noexcept : offset_(other.offset_), size_(other.size_) {
  other.offset_ = 0;
  other.size_ = 0;
}

Buffer& Buffer::operator=(Buffer&& other) noexcept {
  if (this != &other) {
    if (offset_) arena_free(shared_arena(), offset_);
    offset_ = other.offset_;
    size_ = other.size_;
    other.offset_ = 0;
    other.size_ = 0;
  }
  return *this;
}

namespace {
void check_range(std::size_t at, std::size_t size, std::size_t total, const char* what) {
  if (at > total || size > total - at)
    throw std::out_of_range(std::string(what) + ": bytes " + std::to_string(at) + ".." + std::to_string(at + size) +
                            " are outside a block of " + std::to_string(total));
}
}  // namespace

void Buffer::write(std::size_t at, const void* from, std::size_t size) {
  check_range(at, size, size_, "Buffer::write");
  shared_arena().write(offset_ + at, from, size);
}

void Buffer::read(std::size_t at, void* to, std::size_t size) const {
  check_range(at, size, size_, "Buffer::read");
  shared_arena().read(offset_ + at, to, size);
}

void* Buffer::data() { return offset_ ? shared_arena().pointer(offset_) : nullptr; }

Offset Buffer::release() {
  Offset offset = offset_;
  offset_ = 0;
  size_ = 0;
  return offset;
}

Buffer Buffer::adopt(Offset offset, std::size_t size) {
  Buffer buffer;
  buffer.offset_ = offset;
  buffer.size_ = size;
  return buffer;
}

Queue::Queue(std::size_t ring_bytes) : impl_(detail::make_queue_impl(ring_bytes)) {}

void Queue::put_bytes(const void* data, std::size_t size) { impl_->put(data, size); }

Bytes Queue::get_bytes() {
  Bytes out;
  impl_->get(out, -1);
  return out;
}

std::optional<Bytes> Queue::get_bytes_for(double timeout_ms) {
  Bytes out;
  if (!impl_->get(out, timeout_ms)) return std::nullopt;
  return out;
}

void Queue::put_buffer(Buffer&& buffer) {
  if (buffer.empty()) throw std::invalid_argument("Queue::put_buffer: the buffer is empty (already sent?)");
  std::uint64_t size = buffer.size();
  std::uint64_t offset = buffer.offset_for_transfer();
  put(std::pair<std::uint64_t, std::uint64_t>{offset, size});
  buffer.release();
}

Buffer Queue::get_buffer() {
  Bytes message = get_bytes();
  if (message.empty()) return Buffer();  // an empty message: "no more buffers"
  auto [offset, size] = decode<std::pair<std::uint64_t, std::uint64_t>>(message);
  return Buffer::adopt(offset, static_cast<std::size_t>(size));
}

Bytes Queue::handle() const { return impl_->handle(); }

Queue Queue::from_handle(const Bytes& handle) { return Queue(detail::queue_impl_from_handle(handle)); }

std::pair<Connection, Connection> make_pipe(std::size_t ring_bytes) {
  Queue a_to_b(ring_bytes), b_to_a(ring_bytes);
  Connection a{a_to_b, b_to_a};
  Connection b{b_to_a, a_to_b};
  return {std::move(a), std::move(b)};
}

namespace detail {

RingQueueImpl::~RingQueueImpl() {
  if (owner_) RingQueue::destroy(*arena_, ring_);
}

void RingQueueImpl::put(const void* data, std::size_t size) { RingQueue(*arena_, ring_).put(data, size); }

bool RingQueueImpl::get(Bytes& out, double timeout_ms) { return RingQueue(*arena_, ring_).get(out, timeout_ms); }

Bytes RingQueueImpl::handle() const {
  Writer w;
  w << std::uint8_t{'R'} << static_cast<std::uint64_t>(ring_);
  return w.take();
}

}  // namespace detail
}  // namespace cdd::mp
