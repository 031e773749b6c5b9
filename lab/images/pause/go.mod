module milvusmonitored.lab/pause

go 1.26.0
