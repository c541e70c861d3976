/** File name endings read as images when a directory is searched (PNG, JPEG, WebP, GIF). */
export const IMAGE_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg', '.webp', '.gif'];
