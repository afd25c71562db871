package org.dealerpanel.ocr;

/** Axis-aligned box in pixels of the original image. */
public record BoundingBox(int x, int y, int width, int height) {
    public int right() { return x + width; }
    public int bottom() { return y + height; }

    /** Intersection area divided by the smaller box's area (0..1). */
    public double overlapOfSmaller(BoundingBox o) {
        int ix = Math.max(0, Math.min(right(), o.right()) - Math.max(x, o.x));
        int iy = Math.max(0, Math.min(bottom(), o.bottom()) - Math.max(y, o.y));
        long inter = (long) ix * iy;
        long min = Math.min((long) width * height, (long) o.width * o.height);
        return min <= 0 ? 0 : (double) inter / min;
    }
}
