ALTER TYPE "ChatMessageType" ADD VALUE 'Image';
ALTER TYPE "ChatMessageType" ADD VALUE 'Video';
ALTER TYPE "ChatMessageType" ADD VALUE 'Audio';
ALTER TYPE "ChatMessageType" ADD VALUE 'Embed';
